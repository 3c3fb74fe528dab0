/** The shape of a translation: the English texts' keys, each with a string. */
export type Translation<T> = {
  [K in keyof T]: T[K] extends string ? string : Translation<T[K]>;
};
