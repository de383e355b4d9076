/** The supervisor's journal (logs/supervisor.log): timestamped lines in the form systemd's journal uses. */
import { appendFileSync } from 'node:fs';
import { hostname } from 'node:os';

export class Journal {
  constructor(private readonly file: string) {}

  /** Appends `message` about `unit` (a part, written `<part>.service` as systemd names units; or `aoi-lab` itself). */
  line(unit: string, message: string): void {
    const stamp = new Date().toISOString().replace('Z', '+00:00');
    const name = unit === 'aoi-lab' ? '' : `${unit}.service: `;
    appendFileSync(this.file, `${stamp} ${hostname()} aoi-lab[${process.pid}]: ${name}${message}\n`);
  }
}
