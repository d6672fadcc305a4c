/** "25 Nov" for a `YYYY-MM-DD` date (read as a calendar date, not shifted by the viewer's zone). */
export function shortDate(date: string): string {
  return new Date(`${date}T12:00:00.000Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10} %`;
}
