/** Calendar helpers of the engine. */

/** Local midnight of the day of `now`. */
export const startOfDay = (now: number) => new Date(new Date(now).setHours(0, 0, 0, 0)).getTime();
