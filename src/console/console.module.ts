import { Module } from '@nestjs/common';
import { ConsoleServer } from './console-server.js';

/** The web console (console/ in the repository), served at /console/ by the API process. */
@Module({ providers: [ConsoleServer] })
export class ConsoleModule {}
