// The engine's version, from package.json at build time.
import packageJson from '../../package.json' with { type: 'json' };

export const ENGINE_VERSION: string = packageJson.version;
