export * from './code-tables';
export * from './id-number';
export * from './identity';
export * from './photo';
