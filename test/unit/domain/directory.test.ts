import { describe, expect, it } from 'vitest';
import { applyDirectoryChange, type DirectoryRow } from '../../../src/domain/directory.ts';

const kari: DirectoryRow = {
  oid: 'k',
  name: 'Kari Nordmann',
  upn: 'kari@fjordvik.example',
  unitId: 'oppvekst-og-kultur',
  managerOid: 'm',
  active: true,
};

describe('a directory change applied to the local copy', () => {
  it('changes only the fields an incremental round carries', () => {
    expect(applyDirectoryChange(kari, { oid: 'k', department: 'Helse og omsorg' })).toEqual({
      ...kari,
      unitId: 'helse-og-omsorg',
      unitName: 'Helse og omsorg',
    });
    expect(applyDirectoryChange(kari, { oid: 'k', managerOid: null })).toEqual({ ...kari, managerOid: null });
    expect(applyDirectoryChange(kari, { oid: 'k', department: null }).unitId).toBeNull();
  });

  it('keeps someone who left or was disabled as an inactive row with their name', () => {
    expect(applyDirectoryChange(kari, { oid: 'k', removed: true })).toEqual({ ...kari, active: false });
    expect(applyDirectoryChange(kari, { oid: 'k', enabled: false })).toEqual({ ...kari, active: false });
    expect(applyDirectoryChange({ ...kari, active: false }, { oid: 'k', enabled: true }).active).toBe(true);
  });

  it('names a newcomer without a display name by their sign-in name, never leaving the name empty', () => {
    expect(
      applyDirectoryChange(undefined, { oid: 'n', name: '  ', upn: 'nora@fjordvik.example' }),
    ).toMatchObject({
      name: 'nora@fjordvik.example',
      active: true,
      managerOid: null,
    });
    expect(applyDirectoryChange(kari, { oid: 'k', name: null }).name).toBe('Kari Nordmann');
  });
});
