// The version every sveltos-ts binary reports; bumped with the package version.
export const CLIENT_VERSION = 'v0.1.0';
