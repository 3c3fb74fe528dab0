import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { TextField } from '../ui/TextField';
import { checkPasswordRules, passwordMeetsRules } from './password-rules';
import { PasswordRules } from './PasswordRules';

describe('password rules', () => {
  it('asks for 12 characters, counted as characters rather than bytes', () => {
    expect(passwordMeetsRules('short', 'ann')).toBe(false);
    expect(passwordMeetsRules('twelve chars', 'ann')).toBe(true);
    expect(passwordMeetsRules('ääääääääääää', 'ann')).toBe(true);
  });

  it('refuses the username, also with a little around it, as the server does', () => {
    expect(passwordMeetsRules('administrator', 'administrator')).toBe(false);
    expect(passwordMeetsRules('Administrator1', 'administrator')).toBe(false);
    expect(passwordMeetsRules('administrator and a long phrase', 'administrator')).toBe(true);
  });

  it('reports each rule', () => {
    expect(checkPasswordRules('', 'ann')).toEqual([
      { rule: 'length', met: false },
      { rule: 'notUsername', met: false },
    ]);
  });
});

function Form() {
  const [password, setPassword] = useState('');
  return (
    <TextField
      label="Password"
      value={password}
      onChange={(event) => setPassword(event.target.value)}
      description={<PasswordRules password={password} username="ann" />}
    />
  );
}

describe('<PasswordRules>', () => {
  it('ticks the rules off while the user types, and is linked to the field', async () => {
    render(<Form />);
    const field = screen.getByLabelText('Password');
    const rules = screen.getByRole('list', { name: 'Password rules' });
    expect(rules.textContent).toContain('At least 12 characters — not met yet');
    expect(field.getAttribute('aria-describedby')).toContain(rules.parentElement?.id ?? '-');
    await userEvent.type(field, 'a long pass phrase');
    expect(rules.textContent).toContain('At least 12 characters — met');
    expect(rules.textContent).toContain('Not your username — met');
  });
});
