import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, validatePassword } from '../password';

describe('validatePassword', () => {
  it('uses a 12 to 128 character policy', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(PASSWORD_MAX_LENGTH).toBe(128);
  });

  it.each([
    ['Tr3s-b1en-cach3'],
    ['MaisonBleue2024!'],
    ['correct horse battery staple'],
    ['le chat de Ginette dort au soleil'],
    ['ÉléphantRose#47'],
    ['Kx9#mQ2$vL7!'],
  ])('accepts %p', (password) => {
    expect(validatePassword(password)).toEqual({ ok: true });
  });

  it('counts characters, not UTF-16 units, and never trims', () => {
    expect(validatePassword('🔒🔑🗝️🔐🔏🔓')).toEqual({ ok: false, error: 'PASSWORD_TOO_SHORT' });
    expect(validatePassword(' Xq7#mQ2$vL7')).toEqual({ ok: true });
    expect(validatePassword('Xq7#mQ2$vL7 ')).toEqual({ ok: true });
  });

  it('refuses passwords shorter than 12 characters', () => {
    expect(validatePassword('')).toEqual({ ok: false, error: 'PASSWORD_TOO_SHORT' });
    expect(validatePassword('Kx9#mQ2$vL7')).toEqual({ ok: false, error: 'PASSWORD_TOO_SHORT' });
    expect(validatePassword('Kx9#mQ2$vL7!')).toEqual({ ok: true });
  });

  it('refuses passwords longer than 128 characters', () => {
    const base = 'Kx9#mQ2$vL7!';
    const exactly = base.repeat(11).slice(0, 128);
    expect(validatePassword(exactly)).toEqual({ ok: true });
    expect(validatePassword(`${exactly}x`)).toEqual({ ok: false, error: 'PASSWORD_TOO_LONG' });
  });

  it.each([
    ['motdepasse123'],
    ['password1234'],
    ['azertyuiop12'],
    ['123456789012'],
    ['Password1234'],
    ['MOTDEPASSE123'],
    ['P@ssw0rd2024!'],
    ['Soleil2024!!'],
    ['2024motdepasse'],
    ['passwordpassword'],
    ['qsdfghjklm12'],
    ['0987654321098'],
    ['abcdefghijklm'],
    ['aaaaaaaaaaaa'],
    ['abcabcabcabc'],
    ['            '],
    ['!!!!!!!!!!!!'],
    ['1q2w3e4r5t6y'],
    ['Bienvenue123'],
    ['Guichet2025!'],
  ])('refuses the common password or pattern %p', (password) => {
    expect(validatePassword(password)).toEqual({ ok: false, error: 'PASSWORD_TOO_COMMON' });
  });

  describe('identity', () => {
    const context = { email: 'Jean.Dupont@exemple.fr', firstName: 'Jean-Éric', lastName: 'Dupont' };

    it.each([['jean.dupont-Secret!'], ['JEANDUPONT#4242'], ['Dupont et compagnie 7'], ['mon-ami-Eric-77!'], ['jean-eric!2024xz']])(
      'refuses %p, which contains the email local part or the name',
      (password) => {
        expect(validatePassword(password, context)).toEqual({ ok: false, error: 'PASSWORD_CONTAINS_IDENTITY' });
      },
    );

    it('ignores fragments shorter than 4 characters and the +tag', () => {
      expect(validatePassword('Kx9#mQ2$vL7!jo', { email: 'jo@exemple.fr', lastName: 'Li' })).toEqual({
        ok: true,
      });
      expect(validatePassword('ma-banque-perso-77', { email: 'zoe+banque@exemple.fr' })).toEqual({ ok: true });
    });

    it('accepts passwords unrelated to the person', () => {
      expect(validatePassword('Tr3s-b1en-cach3', context)).toEqual({ ok: true });
      expect(validatePassword('Tr3s-b1en-cach3', {})).toEqual({ ok: true });
      expect(validatePassword('Tr3s-b1en-cach3', { email: null, firstName: null, lastName: null })).toEqual({
        ok: true,
      });
    });
  });
});
