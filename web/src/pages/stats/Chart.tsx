// ECharts through echarts/core with only what the statistics use (bar, line and pie charts, a
// canvas renderer), so that the rest of ECharts never ships; this module loads with the
// statistics page only. ECharts' aria option writes a text description of each chart.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import type { EChartsOption } from 'echarts';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  CanvasRenderer,
]);

export function Chart({ option, label }: { option: EChartsOption; label: string }) {
  return (
    <div role="img" aria-label={label}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ aria: { enabled: true }, ...option }}
        style={{ height: 320 }}
        notMerge
      />
    </div>
  );
}
