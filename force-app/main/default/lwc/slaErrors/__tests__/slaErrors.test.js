import { reduceErrors } from 'c/slaErrors';

describe('c-sla-errors reduceErrors', () => {
    it('reads a UI API body array', () => {
        const error = { body: [{ message: 'No access' }, { message: 'Gone' }] };
        expect(reduceErrors(error)).toEqual(['No access', 'Gone']);
    });

    it('reads a body message', () => {
        expect(reduceErrors({ body: { message: 'Server error' } })).toEqual([
            'Server error'
        ]);
    });

    it('reads page errors before field errors', () => {
        const error = {
            body: {
                pageErrors: [{ message: 'Record is locked' }],
                fieldErrors: { Name: [{ message: 'Required' }] }
            }
        };
        expect(reduceErrors(error)).toEqual(['Record is locked']);
    });

    it('reads field errors when no page error exists', () => {
        const error = {
            body: {
                pageErrors: [],
                fieldErrors: {
                    Name: [{ message: 'Required' }],
                    Email: [{ message: 'Invalid email' }]
                }
            }
        };
        expect(reduceErrors(error)).toEqual(['Required', 'Invalid email']);
    });

    it('reads GraphQL errors', () => {
        const error = { errors: [{ message: 'Field not found' }] };
        expect(reduceErrors(error)).toEqual(['Field not found']);
    });

    it('reads JavaScript errors, strings and status text', () => {
        const errors = [
            new Error('Timed out'),
            'Plain text',
            { statusText: 'Bad Gateway' }
        ];
        expect(reduceErrors(errors)).toEqual([
            'Timed out',
            'Plain text',
            'Bad Gateway'
        ]);
    });

    it('drops empty values and duplicates', () => {
        const errors = [null, undefined, 'Same', 'Same', { body: {} }];
        expect(reduceErrors(errors)).toEqual(['Same']);
    });
});
