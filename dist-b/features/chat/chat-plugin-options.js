export {};
//# sourceMappingURL=chat-plugin-options.js.map