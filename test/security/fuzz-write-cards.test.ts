import { fuzzCards } from './support/card-fuzz.ts';

fuzzCards('security: input fuzzing of every write card', (access) => access !== 'read', ['createEmployee', 'updateEmployee', 'deleteEmployee', 'customApiAction']);
