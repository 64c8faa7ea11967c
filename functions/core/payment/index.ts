export * from './payment';
export * from './resolve';
export * from './terms';
export * from './text-terms';
