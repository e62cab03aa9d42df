import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { RETRY_AFTER_SECONDS } from '../http/api-error.js';
import { DependencyProbes, type DependencyReport } from './dependency-probes.js';

/** A health check must answer even when what it asks about hangs. */
const PROBE_TIMEOUT_MS = 3000;

/**
 * Liveness (the process answers) apart from readiness (PostgreSQL, Temporal and a worker are
 * there), so an orchestrator restarts the API only for its own faults, not for a dependency's.
 */
@Controller('health')
export class HealthController {
  constructor(@Inject(DependencyProbes) private readonly probes: DependencyProbes) {}

  /** Readiness, under the path the API has always answered it on. */
  @Public()
  @Get()
  check(@Res({ passthrough: true }) response: Response) {
    return this.ready(response);
  }

  @Public()
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** 200 when every dependency is up; 503 with Retry-After, naming each one's state, otherwise. */
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<{ status: 'ok' | 'degraded' } & DependencyReport> {
    const report = await this.probes.report(Date.now() + PROBE_TIMEOUT_MS);
    const healthy = report.database === 'up' && report.temporal === 'up' && report.worker === 'up';
    response.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    if (!healthy) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    return { status: healthy ? 'ok' : 'degraded', ...report };
  }
}
