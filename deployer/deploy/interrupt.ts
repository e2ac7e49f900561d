/**
 * @module deployer/deploy/interrupt
 * Exit code of a start the user interrupted (128 + SIGINT), as shells report it.
 */
export const INTERRUPTED_EXIT = 130;
