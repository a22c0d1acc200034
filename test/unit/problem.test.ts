import { DiagnosticCode } from '../../macro/diagnostics';
import { invalid, toDiagnostic, valid, within } from '../../macro/problem';
import { parseSelector } from '../../macro/selectors';

describe('problems carry their path as segments; it becomes text only in a Diagnostic', () => {
  it.each([
    { path: ['Properties', 'Parameters', 'MessageBody'], text: 'Properties.Parameters.MessageBody' },
    { path: ['Properties', 'Parameters', 'Item', 'order id', 'Type'], text: 'Properties.Parameters.Item["order id"].Type' },
    { path: ['Properties', 'ErrorResponses', 0, 'SelectionPattern'], text: 'Properties.ErrorResponses[0].SelectionPattern' },
    { path: ['DependsOn', 1], text: 'DependsOn[1]' },
    { path: [], text: '' },
  ])('$text', ({ path, text }) => {
    const diagnostic = toDiagnostic(DiagnosticCode.invalidProperty, 'SubmitOrder', { path, message: 'is wrong.' });
    expect(diagnostic).toEqual({ code: 'PSI100', logicalId: 'SubmitOrder', path: text, message: 'is wrong.' });
  });

  it('a problem found in a value is placed by whoever knows where the value sits', () => {
    // Arrange: a checker sees only the selector, not where it was written.
    const checked = parseSelector('$request.headers.X');
    if (checked.ok) throw new Error('expected the selector to be rejected');
    // Act
    const placed = within(['Parameters', 'MessageBody'], checked.problems);
    // Assert
    expect(placed).toEqual([{ path: ['Parameters', 'MessageBody'], message: checked.problems[0]?.message }]);
    expect(checked.problems[0]?.path).toEqual([]);
  });

  it('a check either passes with its value or fails with its problems', () => {
    expect(valid(3)).toEqual({ ok: true, value: 3 });
    expect(invalid('is wrong.', ['Key', 0])).toEqual({ ok: false, problems: [{ path: ['Key', 0], message: 'is wrong.' }] });
  });
});
