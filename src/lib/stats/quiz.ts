/**
 * Quiz and exam history for the stats screen: scores over time and the topics
 * answered wrong most often.
 */

/** The parts of a stored quiz result these figures need. */
export interface QuizHistoryEntry {
  at: number;
  score: number;
  total: number;
  questions: { correct: boolean; topic: string }[];
}

export interface WeakTopic {
  topic: string;
  wrong: number;
  asked: number;
}

/**
 * The last `limit` results, oldest first, each with its share correct; and up
 * to five topics with the most wrong answers (ties: the higher share wrong).
 */
export function quizSummary(history: QuizHistoryEntry[], limit = 20): { recent: (QuizHistoryEntry & { share: number })[]; weakest: WeakTopic[] } {
  const recent = [...history]
    .sort((a, b) => a.at - b.at)
    .slice(-limit)
    .map((entry) => ({ ...entry, share: entry.total > 0 ? entry.score / entry.total : 0 }));
  const byTopic = new Map<string, WeakTopic>();
  for (const entry of history) {
    for (const q of entry.questions) {
      const row = byTopic.get(q.topic) ?? { topic: q.topic, wrong: 0, asked: 0 };
      row.asked++;
      if (!q.correct) row.wrong++;
      byTopic.set(q.topic, row);
    }
  }
  const weakest = [...byTopic.values()]
    .filter((t) => t.wrong > 0)
    .sort((a, b) => b.wrong - a.wrong || b.wrong / b.asked - a.wrong / a.asked || a.topic.localeCompare(b.topic))
    .slice(0, 5);
  return { recent, weakest };
}
