import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import argon2 from 'argon2';
import type { DataSource } from 'typeorm';
import { findUserByEmail, type UserRecord } from '@pe/persistence';
import { DATABASE } from '../tokens.js';
import { unauthenticated } from '../http/api-error.js';

@Injectable()
export class AuthService {
  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(JwtService) private readonly jwt: JwtService,
  ) {}

  async login(email: string, password: string): Promise<{ token: string; user: UserRecord }> {
    const found = await findUserByEmail(this.db, email);
    const valid = found ? await argon2.verify(found.passwordHash, password) : false;
    if (!found || !valid) throw unauthenticated('Wrong email or password');
    const { passwordHash: _hash, ...user } = found;
    const token = await this.jwt.signAsync({ sub: user.id, email: user.email, name: user.name, role: user.role, org: user.organizationId });
    return { token, user };
  }
}
