import { Injectable, type PipeTransform } from '@nestjs/common';
import { notFoundError } from './api-error.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that cannot exist answers 404, the same as one that does not. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}
  transform(value: string): string {
    if (!UUID.test(value)) throw notFoundError(this.what);
    return value.toLowerCase();
  }
}

/** Task ids are `<partnership id>.<sequence>`; anything else cannot exist and answers 404. */
const TASK_ID = new RegExp(`${UUID.source.slice(0, -1)}\\.\\d{1,10}$`, 'i');

@Injectable()
export class TaskIdParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!TASK_ID.test(value)) throw notFoundError('Task');
    return value.toLowerCase();
  }
}
