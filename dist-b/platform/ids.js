import { v7 as uuidv7 } from 'uuid';
/** A new id: a UUIDv7, so ids sort by creation time (cursor pagination relies on it). */
export function newId() {
    return uuidv7();
}
//# sourceMappingURL=ids.js.map