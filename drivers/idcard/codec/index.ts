export * from './commands';
export * from './frame';
export * from './frame-parser';
export * from './read-reply';
export * from './status';
