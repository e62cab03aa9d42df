import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { DataSource } from 'typeorm';
import { findUserByEmail, type UserRecord } from '@pe/persistence';
import { DATABASE } from '../tokens.js';
import { deactivatedError, unauthenticated } from '../http/api-error.js';
import { passwordMatches } from './passwords.js';

@Injectable()
export class AuthService {
  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(JwtService) private readonly jwt: JwtService,
  ) {}

  async login(email: string, password: string): Promise<{ token: string; user: UserRecord }> {
    const found = await findUserByEmail(this.db, email);
    const valid = found ? await passwordMatches(found.passwordHash, password) : false;
    if (!found || !valid) throw unauthenticated('Wrong email or password');
    // Said only after the password matched, so it tells a stranger nothing about the account.
    if (!found.active) throw deactivatedError();
    const { passwordHash: _hash, active: _active, passwordChangedAt: _changed, ...user } = found;
    const token = await this.jwt.signAsync({ sub: user.id, email: user.email, name: user.name, role: user.role, org: user.organizationId });
    return { token, user };
  }
}
