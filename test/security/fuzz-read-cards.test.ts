import { fuzzCards } from './support/card-fuzz.ts';

fuzzCards('security: input fuzzing of every read card', (access) => access === 'read', ['readEmployee', 'searchEmployees', 'listDepartments', 'listEmployeeProfiles']);
