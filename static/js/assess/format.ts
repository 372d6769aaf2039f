// The JSON file a self-assessment form exports (io.ts record): its format's
// name and version, which the form reading an earlier export and the team
// view (team.ts) check before they read one.

/** FORMAT names the JSON exports of these forms. */
export const FORMAT = "handbook-assess";

/** VERSION is the version of the exports' layout that these scripts write
 * and read. A change to it that older readers cannot follow raises it. */
export const VERSION = 1;
