/**
 * The asset chart: candles, volume and the forecast band (80 % and 95 % bounds and the mean) on TradingView's
 * lightweight-charts, updated live from ticks (the forming candle) and bars (closed or corrected candles).
 */
import {
  CandlestickSeries,
  ColorType,
  createChart,
  HistogramSeries,
  LineSeries,
  LineStyle,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';

export interface BarJson {
  open_time: string;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
}

export interface ForecastStep {
  time: string;
  mean: string;
  lower80: string;
  upper80: string;
  lower95: string;
  upper95: string;
}

export const INTERVAL_SECONDS: Record<string, number> = { '1m': 60, '5m': 300, '1h': 3600, '1d': 86400 };

interface Candle {
  time: UTCTimestamp;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

function css(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export function toCandle(b: BarJson): Candle {
  return {
    time: (Date.parse(b.open_time) / 1000) as UTCTimestamp,
    open: Number(b.open),
    high: Number(b.high),
    low: Number(b.low),
    close: Number(b.close),
    volume: Number(b.volume),
  };
}

/** The candle `last` becomes after a tick at `time` (epoch s) of `price`/`volume`: extended, or a new one. */
export function mergeTick(last: Candle | undefined, intervalSec: number, time: number, price: number, volume: number): Candle {
  const bucket = (Math.floor(time / intervalSec) * intervalSec) as UTCTimestamp;
  if (last && last.time === bucket) {
    return { ...last, high: Math.max(last.high, price), low: Math.min(last.low, price), close: price, volume: last.volume + volume };
  }
  return { time: bucket, open: price, high: price, low: price, close: price, volume };
}

export class PriceChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private readonly band: ISeriesApi<'Line'>[] = [];
  private last: Candle | undefined;
  liveUpdates = 0;

  constructor(private readonly el: HTMLElement, private readonly intervalSec: number) {
    // the attribution logo injects an inline <style> that our CSP refuses; the page footer credits TradingView instead
    this.chart = createChart(el, { autoSize: true, height: 380, layout: { attributionLogo: false } });
    this.candles = this.chart.addSeries(CandlestickSeries, { priceLineVisible: true });
    this.volume = this.chart.addSeries(HistogramSeries, { priceScaleId: 'vol', priceFormat: { type: 'volume' } });
    this.chart.priceScale('vol').applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
    this.theme();
  }

  /** Re-reads the theme's colours (after a dark/light switch). */
  theme(): void {
    const up = css('--up', '#16a34a');
    const down = css('--down', '#dc2626');
    this.chart.applyOptions({
      layout: { background: { type: ColorType.Solid, color: css('--panel', '#fff') }, textColor: css('--text', '#111') },
      grid: { vertLines: { color: css('--grid', '#eee') }, horzLines: { color: css('--grid', '#eee') } },
      timeScale: { timeVisible: this.intervalSec < 86400, secondsVisible: false, borderColor: css('--grid', '#eee') },
      rightPriceScale: { borderColor: css('--grid', '#eee') },
    });
    this.candles.applyOptions({ upColor: up, downColor: down, wickUpColor: up, wickDownColor: down, borderVisible: false });
    this.volume.applyOptions({ color: css('--muted', '#999') });
  }

  setBars(bars: BarJson[]): void {
    const candles = bars.map(toCandle).sort((a, b) => a.time - b.time);
    this.candles.setData(candles);
    this.volume.setData(candles.map((c) => ({ time: c.time, value: c.volume, color: this.volColor(c) })));
    this.last = candles[candles.length - 1];
    this.chart.timeScale().fitContent();
  }

  /** A live tick: extends or opens the forming candle. */
  tick(isoTime: string, price: number, volume: number): void {
    const t = Date.parse(isoTime) / 1000;
    if (this.last && t < this.last.time) return; // older than what is drawn
    this.last = mergeTick(this.last, this.intervalSec, t, price, volume);
    this.draw(this.last);
  }

  /** A closed or corrected bar of this interval. */
  bar(b: BarJson): void {
    const c = toCandle(b);
    if (this.last && c.time < this.last.time) return; // lightweight-charts only updates the newest candles
    this.last = c;
    this.draw(c);
  }

  private draw(c: Candle) {
    this.candles.update(c);
    this.volume.update({ time: c.time, value: c.volume, color: this.volColor(c) });
    this.liveUpdates++;
    this.el.dataset.liveUpdates = String(this.liveUpdates);
    this.el.dataset.lastClose = String(c.close);
  }

  setForecast(steps: ForecastStep[] | null): void {
    this.band.forEach((s) => this.chart.removeSeries(s));
    this.band.length = 0;
    if (!steps || steps.length === 0) return;
    const color = css('--accent', '#6366f1');
    const line = (key: keyof ForecastStep, style: LineStyle, width: 1 | 2) => {
      const s = this.chart.addSeries(LineSeries, {
        color,
        lineStyle: style,
        lineWidth: width,
        priceLineVisible: false,
        lastValueVisible: key === 'mean',
        crosshairMarkerVisible: false,
      });
      const anchor = this.last ? [{ time: this.last.time, value: this.last.close }] : [];
      const points = steps
        .map((p) => ({ time: (Date.parse(p.time) / 1000) as UTCTimestamp, value: Number(p[key]) }))
        .filter((p) => !this.last || p.time > this.last.time);
      s.setData([...anchor, ...points]);
      this.band.push(s);
    };
    line('upper95', LineStyle.Dotted, 1);
    line('upper80', LineStyle.Dashed, 1);
    line('mean', LineStyle.Solid, 2);
    line('lower80', LineStyle.Dashed, 1);
    line('lower95', LineStyle.Dotted, 1);
    this.chart.timeScale().fitContent(); // the band reaches days past the last candle
  }

  destroy(): void {
    this.chart.remove();
  }

  private volColor(c: Candle): string {
    return c.close >= c.open ? css('--up-soft', 'rgba(22,163,74,.35)') : css('--down-soft', 'rgba(220,38,38,.35)');
  }
}
