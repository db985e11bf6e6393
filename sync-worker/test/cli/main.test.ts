import { buildProgram } from '../../src/cli/main';

describe('lead-sla command line', () => {
    it('lists every subcommand in its help', () => {
        const help = buildProgram().helpInformation();
        expect(help).toContain('start');
        expect(help).toContain('validate-metadata');
    });
});
