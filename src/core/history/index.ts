// Incident history: recurrence, similar past incidents and SLO impact (used by src/core/analysis and the PIR).
export { detectRecurrence, relatedTickets, type Period, type RecurrenceOptions } from './recurrence';
export { similarIncidents, type SimilarIncident, type SimilarQuery } from './similarIncidents';
export { sloImpact } from './sloImpact';
export { tokenize, terms, stem } from './textTerms';
export { Bm25Index } from './bm25';
export { binomialTail } from './binomial';
