// The calendar months a range of days spans, each as a sub-range clipped to the range, for the
// by-month figures (one /stats request per month).
export interface DayRange {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function monthsOf({ from, to }: DayRange, max = 24): Array<DayRange & { month: string }> {
  const months: Array<DayRange & { month: string }> = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  while (months.length < max) {
    const month = `${y}-${pad(m)}`;
    if (`${month}-01` > to) break;
    const start = `${month}-01` < from ? from : `${month}-01`;
    const end = `${month}-${pad(lastDay(y, m))}`;
    months.push({ month, from: start, to: end > to ? to : end });
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
}
