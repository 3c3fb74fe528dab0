/**
 * Builds a query once, with stand-ins for the values that change, and returns a function that
 * runs its compiled SQL with real values in their places. For queries on hot paths (the text of
 * streaming messages, written for every stream every interval): building and compiling a small
 * query with Kysely costs several times what SQLite takes to run it, and a tick's updates run in
 * one turn of the event loop. The SQL is the dialect's own, as Kysely compiled it; constants of
 * the query stay parameters too.
 *
 * `build` gets one stand-in per value, in order, and must pass each where a value goes (a
 * string in TypeScript's eyes: use it for string columns only); a stand-in that does not end up
 * a parameter of the query is an error, raised here rather than at the first run.
 */
export function prepareQuery(db, valueCount, build) {
    const standIns = Array.from({ length: valueCount }, (_, i) => `\u0000prepared value ${i}\u0000`);
    const compiled = build(db, ...standIns).compile();
    const positions = compiled.parameters.map((parameter) => typeof parameter === 'string' ? standIns.indexOf(parameter) : -1);
    for (let i = 0; i < valueCount; i++) {
        if (!positions.includes(i))
            throw new Error(`prepareQuery: value ${i} is not a parameter`);
    }
    return (executor, ...values) => executor.executeQuery({
        ...compiled,
        parameters: positions.map((position, i) => position === -1 ? compiled.parameters[i] : values[position]),
    });
}
//# sourceMappingURL=prepared-query.js.map