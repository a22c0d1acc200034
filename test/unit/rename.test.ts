import { renameReferences } from '../../macro/template/rename';
import type { Json } from '../../macro/types';

describe('renameReferences rewrites references to renamed logical IDs', () => {
  const renames = { Old: 'New' };

  it('in Ref, both Fn::GetAtt forms, Fn::Sub text and DependsOn, keeping key order and everything else', () => {
    const value: Json = {
      A: { Ref: 'Old' },
      B: { 'Fn::GetAtt': ['Old', { Ref: 'Old' }] },
      C: { 'Fn::GetAtt': 'Old.Arn' },
      D: { 'Fn::Sub': ['${Old}-${Old.Arn}-${!Old}-${Other}', { V: { Ref: 'Old' } }] },
      E: { DependsOn: ['Old', 'Other'] },
      F: [1, null, 'Old', { Ref: 'Other' }],
    };
    const out = renameReferences(value, renames);
    expect(out).toEqual({
      A: { Ref: 'New' },
      B: { 'Fn::GetAtt': ['New', { Ref: 'New' }] },
      C: { 'Fn::GetAtt': 'New.Arn' },
      D: { 'Fn::Sub': ['${New}-${New.Arn}-${!Old}-${Other}', { V: { Ref: 'New' } }] },
      E: { DependsOn: ['New', 'Other'] },
      F: [1, null, 'Old', { Ref: 'Other' }],
    });
    expect(Object.keys(out as object)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  });

  it('walks values nested thousands deep without overflowing the stack', () => {
    let value: Json = { Ref: 'Old' };
    for (let i = 0; i < 5000; i++) value = i % 2 === 0 ? [value] : { k: value };
    let out = renameReferences(value, renames);
    for (let i = 4999; i >= 0; i--) out = i % 2 === 0 ? ((out as Json[])[0] as Json) : (out as { k: Json }).k;
    expect(out).toEqual({ Ref: 'New' });
  });
});
