// The shape every stack-trace parser produces, whatever the language.

export type StackLanguage = 'javascript' | 'python' | 'java' | 'go' | 'dotnet' | 'ruby' | 'php' | 'rust' | 'elixir' | 'swift';

/** Why a frame is not the application's own code. */
export type FrameOrigin = 'app' | 'library' | 'runtime';

export interface StackFrame {
  /** Path or URL exactly as the trace prints it (Java: the file name, e.g. OrderService.java). */
  file: string;
  line?: number;
  column?: number;
  function?: string;
  /** Java/Kotlin/.NET: fully qualified class or type, used to find the file by package. */
  className?: string;
  language: StackLanguage;
  origin: FrameOrigin;
  /** Which trace of the input (0-based); several errors may be pasted at once. */
  trace: number;
  /** Position within its trace, 0 = where the error was raised (innermost call). */
  depth: number;
  /** Segment of its trace (0-based): the error, each "Caused by", each goroutine. */
  segment: number;
  /** Weight of the trace segment: 1 for the root cause, less for wrappers and other goroutines. */
  segmentWeight: number;
  /** 1-based line of the input text the frame came from (a log line may hold several frames); 0 when the input was one JSON document. */
  sourceLine: number;
}

export interface ParsedStack {
  frames: StackFrame[];
  /** Header lines such as "TypeError: x is undefined", one per trace. */
  errors: string[];
}
