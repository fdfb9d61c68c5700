/** Installs the named Debian packages with apt-get when their program is missing; returns their programs' paths. */
export function ensureDebian(
  ...names: ('chromium' | 'chromium-l10n' | 'poppler-utils' | 'qpdf' | 'openssl')[]
): string[];
