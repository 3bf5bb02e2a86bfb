/** Study statistics from cards, progress and review logs: activity by day, retention, mastery and exam readiness. */
export { studyDayKey, reviewsPerDay, streak, heatmap, dueForecast, type DayCount, type HeatLevel } from './days.ts';
export { trueRetention } from './retention.ts';
export { mastery, leeches, MATURE_STABILITY_DAYS, type MasteryRow } from './mastery.ts';
export { examReadiness, type Readiness, type ReadinessRow, type StudyNextItem } from './readiness.ts';
export { sectionKey, sectionLabel } from './sections.ts';
export { quizSummary, type QuizHistoryEntry, type WeakTopic } from './quiz.ts';
