import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { loginSchema } from '@pe/domain';
import type { Request } from 'express';
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
  login(@Body(validated(loginSchema)) body: z.infer<typeof loginSchema>, @Req() request: Request) {
    // Express reads the address from X-Forwarded-For only as far as TRUST_PROXY says proxies stand in front.
    return this.auth.login(body.email, body.password, request.ip ?? request.socket.remoteAddress ?? 'unknown');
  }

  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser) {
    return user;
  }
}
