/** The Azurite emulator for tests: the same helper the soak benchmark uses. */
export { Azurite } from '../../bench/azurite';
