import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { loginSchema } from '@pe/domain';
import type { z } from 'zod';
import { validated } from '../http/zod.pipe.js';
import { AuthService } from './auth.service.js';
import { CurrentUser, Public, type AuthenticatedUser } from './auth.decorators.js';

@Controller()
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(@Body(validated(loginSchema)) body: z.infer<typeof loginSchema>) {
    return this.auth.login(body.email, body.password);
  }

  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser) {
    return user;
  }
}
