/** The exam itself: its domains and weights, and which domain a card belongs to. */
export { EXAM_DOMAINS, examDomainOf, type ExamDomain } from './domains.ts';
