import { Flex } from 'antd';
import type { ReactNode } from 'react';
import { useDocumentTitle } from './hooks';
import { Heading, Muted } from './text';

/** The title of a page (its only h1) with the page's main buttons beside it. */
export function PageHeader({ title, extra, subtitle }: { title: string; extra?: ReactNode; subtitle?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <Flex wrap align="center" justify="space-between" gap={8} style={{ marginBottom: 16 }}>
      <div>
        <Heading level={1}>{title}</Heading>
        {subtitle && <Muted>{subtitle}</Muted>}
      </div>
      {extra && (
        <Flex wrap gap={8}>
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
