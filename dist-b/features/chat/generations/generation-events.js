export function isTerminal(event) {
    return event.type === 'done' || event.type === 'error';
}
//# sourceMappingURL=generation-events.js.map