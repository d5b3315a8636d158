// A list that is a table on a desk and a column of cards on a phone: the fields are declared once,
// each shown in the layout the width suits (the first heads each card). The table scrolls sideways
// in a focusable region.
import { Card, Descriptions, Grid, List, Table } from 'antd';
import type { ReactNode } from 'react';
import { ScrollRegion } from '../../components/ScrollRegion';

export interface ListField<T> {
  key: string;
  title: string;
  render(item: T): ReactNode;
}

interface Props<T> {
  items: T[];
  fields: ListField<T>[];
  /** Names the list (the table's region, the cards' list). */
  label: string;
  empty: string;
  minWidth: number;
}

export function ResponsiveList<T extends { id: string }>(props: Props<T>) {
  const width = Grid.useBreakpoint();
  const [head, ...rest] = props.fields;
  if (width.md === false && head)
    return (
      <section aria-label={props.label}>
        <List
          dataSource={props.items}
          locale={{ emptyText: props.empty }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, simple: true }}
          renderItem={(item) => (
            <List.Item>
              <Card size="small" title={head.render(item)} className="full-width list-card">
                <Descriptions
                  size="small"
                  column={1}
                  items={rest.map((f) => ({ key: f.key, label: f.title, children: f.render(item) }))}
                />
              </Card>
            </List.Item>
          )}
        />
      </section>
    );
  return (
    <ScrollRegion label={props.label}>
      <Table<T>
        size="small"
        rowKey="id"
        style={{ minWidth: props.minWidth }}
        dataSource={props.items}
        locale={{ emptyText: props.empty }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        columns={props.fields.map((f) => ({
          key: f.key,
          title: f.title,
          render: (_: unknown, item: T) => f.render(item),
        }))}
      />
    </ScrollRegion>
  );
}
