import { Writable } from 'node:stream';
import { createProgressBar } from '../../../scripts/import/progress-bar';

function recordingStream(): { stream: Writable; text: () => string } {
    const chunks: string[] = [];
    const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
            chunks.push(chunk.toString('utf8'));
            done();
        }
    });
    return { stream, text: () => chunks.join('') };
}

describe('createProgressBar', () => {
    it('redraws one line per file and ends each file on its own line', () => {
        const { stream, text } = recordingStream();
        const bar = createProgressBar(stream);
        bar.listener({ label: 'Lead.csv', done: 1, total: 2 });
        bar.listener({ label: 'Lead.csv', done: 2, total: 2 });
        bar.listener({ label: 'Task.csv', done: 4, total: 4 });
        bar.finish();
        const lines = text().split('\n');
        expect(lines).toHaveLength(3);
        expect(lines[0]).toContain(`\rLead.csv${' '.repeat(16)} [${'#'.repeat(30)}] 2/2`);
        expect(lines[1]).toBe(`\rTask.csv${' '.repeat(16)} [${'#'.repeat(30)}] 4/4`);
        expect(lines[2]).toBe('');
    });

    it('throttles redraws but draws the last row', () => {
        const { stream, text } = recordingStream();
        const bar = createProgressBar(stream);
        for (let done = 1; done <= 1_000; done += 1) {
            bar.listener({ label: 'Opportunity.csv', done, total: 1_000 });
        }
        const draws = text()
            .split('\r')
            .filter((part) => part !== '');
        expect(draws.length).toBeLessThan(50);
        expect(draws.at(-1)).toContain('1000/1000');
        expect(draws[0]).toContain(`[${'#'.repeat(0)}${'-'.repeat(30)}] 1/1000`);
    });
});
