/** The protocol shared by the extension, the server and the webviews. */
export * from './diagnosis';
export * from './faults';
export * from './messages';
export * from './settings';
export * from './webview';
export * from './shell-line';
export * from './trajectory-messages';
