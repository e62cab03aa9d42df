export { PINO_LEVEL, createLogger, logFormatFor, redactStrings, type LogFormat, type LogLevelSetting, type Logger, type LoggerSettings } from './logger.js';
export { ACCEPTABLE_REQUEST_ID, REQUEST_ID_HTTP_HEADER, REQUEST_ID_MAX_LENGTH, isAcceptableRequestId, requestIdFrom } from './request-id.js';
