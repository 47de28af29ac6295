/**
 * CI runs every test twice: on the embedded database, then with TEST_DATABASE_URL on Postgres.
 * A test that never reads TEST_DATABASE_URL (the pure core, or a process on an embedded data
 * directory by design) would do exactly the same work again on the second pass; the slow ones
 * run on the embedded pass only.
 */
export const describeOnEmbeddedPass = process.env.TEST_DATABASE_URL ? describe.skip : describe;
