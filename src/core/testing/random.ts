/** The seeded PRNG lives in shared (shared tests use it too; shared may not import core). */
export { seededRandom } from '../../shared/testing/random';
