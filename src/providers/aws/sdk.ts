// Bundle entry for the AWS SDK v3 clients: built to dist/sdk/aws.js and loaded on first use only (see loadAwsSdk).
export * as cloudwatch from '@aws-sdk/client-cloudwatch';
export * as logs from '@aws-sdk/client-cloudwatch-logs';
export { fromNodeProviderChain } from '@aws-sdk/credential-providers';
