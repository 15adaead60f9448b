import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { indicatorKindLabels, indicatorKinds, type IndicatorSourceView } from '@thidua/contracts';
import { Button, Card, Col, Empty, Flex, Form, Input, Row, Select, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../app/i18n';
import { Heading, Muted } from '../../app/text';
import { KEY_PATTERN } from './template-form';
import { NumberInput, numberRule } from '../../app/number-input';

// The content of a report template (nội dung mẫu báo cáo): sections of indicators (chỉ tiêu), each
// typed by the unit or counted by the system from a source of the registry, and the narrative parts
// (phần nội dung viết lời). Everything can be added, edited, removed and moved up or down.
// The form is taken untyped: antd's typed name paths stop short of an indicator's fields.

const SECTIONS = ['content', 'sections'] as const;
const NARRATIVES = ['content', 'narratives'] as const;

function useKeyRules() {
  const { t } = useTranslation();
  return [
    { required: true, whitespace: true, message: t('reports.templates.codeRequired') },
    { pattern: KEY_PATTERN, message: t('reports.templates.keyPattern') },
  ];
}

/** Up, down and remove buttons of one item, named for screen readers. */
function ItemButtons(props: { up: string; down: string; remove: string; first: boolean; last: boolean; onMove: (d: -1 | 1) => void; onRemove: () => void }) {
  return (
    <Flex gap={4}>
      <Button size="small" icon={<ArrowUpOutlined aria-hidden />} aria-label={props.up} disabled={props.first} onClick={() => props.onMove(-1)} />
      <Button size="small" icon={<ArrowDownOutlined aria-hidden />} aria-label={props.down} disabled={props.last} onClick={() => props.onMove(1)} />
      <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={props.remove} onClick={props.onRemove} />
    </Flex>
  );
}

/** One indicator: its source is offered among the registry's sources of the indicator's kind. */
function IndicatorFields({ form, s, i, sources }: { form: FormInstance; s: number; i: number; sources: IndicatorSourceView[] }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const keyRules = useKeyRules();
  const path = [...SECTIONS, s, 'indicators', i] as const;
  const kind = Form.useWatch([...path, 'kind'], form);
  const n = { s: s + 1, i: i + 1 };
  const ofKind = sources.filter((x) => x.kind === kind);
  const numeric = kind === 'number' || kind === 'percent';
  return (
    <Row gutter={8}>
      <Col xs={24} sm={8} md={5}>
        <Form.Item label={t('reports.templates.indicatorKey')} name={[i, 'key']} rules={keyRules}>
          <Input aria-label={t('reports.templates.indicatorKeyOf', n)} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={16} md={11}>
        <Form.Item label={t('reports.templates.indicatorLabel')} name={[i, 'label']} rules={[{ required: true, whitespace: true, message: t('reports.templates.titleRequired') }, { max: 300 }]}>
          <Input aria-label={t('reports.templates.indicatorLabelOf', n)} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8} md={8}>
        <Form.Item label={t('reports.templates.indicatorKind')} name={[i, 'kind']} rules={[{ required: true }]}>
          <Select
            aria-label={t('reports.templates.indicatorKindOf', n)}
            options={indicatorKinds.map((k) => ({ value: k, label: label(indicatorKindLabels[k]) }))}
            onChange={(k) => {
              // A source of another kind no longer fits: the indicator falls back to being typed.
              const src = form.getFieldValue([...path, 'source']) as string | undefined;
              if (src && sources.find((x) => x.key === src)?.kind !== k) form.setFieldValue([...path, 'source'], undefined);
            }}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={16} md={numeric ? 12 : 24}>
        <Form.Item
          label={t('reports.templates.indicatorSource')}
          name={[i, 'source']}
          rules={[
            {
              validator: async (_, v: string | null | undefined) => {
                if (v && sources.length > 0 && sources.find((x) => x.key === v)?.kind !== kind) throw new Error(t('reports.templates.sourceKind'));
              },
            },
          ]}
        >
          <Select
            aria-label={t('reports.templates.indicatorSourceOf', n)}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('reports.templates.sourcePlaceholder')}
            notFoundContent={t('reports.templates.noSource')}
            options={ofKind.map((x) => ({ value: x.key, label: label(x.label) }))}
          />
        </Form.Item>
      </Col>
      {numeric && (
        <>
          <Col xs={12} md={6}>
            <Form.Item label={t('reports.templates.min')} name={[i, 'min']} rules={[numberRule({}, t('reports.templates.min'), i18n.language)]}>
              <NumberInput aria-label={t('reports.templates.minOf', n)} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              label={t('reports.templates.max')}
              name={[i, 'max']}
              dependencies={[[...path, 'min']]}
              rules={[
                numberRule({}, t('reports.templates.max'), i18n.language),
                {
                  validator: async (_, v: number | null | undefined) => {
                    const min = form.getFieldValue([...path, 'min']) as number | null | undefined;
                    if (typeof v === 'number' && typeof min === 'number' && v < min) throw new Error(t('reports.templates.maxBelowMin'));
                  },
                },
              ]}
            >
              <NumberInput aria-label={t('reports.templates.maxOf', n)} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </>
      )}
    </Row>
  );
}

/** The sections of figures and the narrative parts of a template, inside the editor's form. */
export function TemplateContentEditor({ form, sources, disabled }: { form: FormInstance; sources: IndicatorSourceView[]; disabled: boolean }) {
  const { t } = useTranslation();
  const keyRules = useKeyRules();
  const titleRules = [{ required: true, whitespace: true, message: t('reports.templates.titleRequired') }, { max: 300 }];

  return (
    <>
      <Heading level={2}>{t('reports.templates.sections')}</Heading>
      <Form.List name={[...SECTIONS]}>
        {(sections, { add, remove, move }) => (
          <>
            {sections.map((sf, s) => (
              <Card
                key={sf.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={t('reports.templates.section', { n: s + 1 })}
                extra={
                  !disabled && (
                    <ItemButtons
                      up={t('reports.templates.sectionUp', { s: s + 1 })}
                      down={t('reports.templates.sectionDown', { s: s + 1 })}
                      remove={t('reports.templates.removeSection', { s: s + 1 })}
                      first={s === 0}
                      last={s === sections.length - 1}
                      onMove={(d) => move(s, s + d)}
                      onRemove={() => remove(sf.name)}
                    />
                  )
                }
              >
                <Row gutter={8}>
                  <Col xs={24} sm={8}>
                    <Form.Item label={t('reports.templates.sectionKey')} name={[sf.name, 'key']} rules={keyRules}>
                      <Input aria-label={t('reports.templates.sectionKeyOf', { s: s + 1 })} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={16}>
                    <Form.Item label={t('reports.templates.sectionTitle')} name={[sf.name, 'title']} rules={titleRules}>
                      <Input aria-label={t('reports.templates.sectionTitleOf', { s: s + 1 })} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.List name={[sf.name, 'indicators']}>
                  {(indicators, ops) => (
                    <>
                      {indicators.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.templates.noIndicators')} />}
                      {indicators.map((f, i) => (
                        <div key={f.key} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
                          <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
                            <Muted>{t('reports.templates.indicator', { i: i + 1 })}</Muted>
                            {!disabled && (
                              <ItemButtons
                                up={t('reports.templates.indicatorUp', { s: s + 1, i: i + 1 })}
                                down={t('reports.templates.indicatorDown', { s: s + 1, i: i + 1 })}
                                remove={t('reports.templates.removeIndicator', { s: s + 1, i: i + 1 })}
                                first={i === 0}
                                last={i === indicators.length - 1}
                                onMove={(d) => ops.move(i, i + d)}
                                onRemove={() => ops.remove(f.name)}
                              />
                            )}
                          </Flex>
                          <IndicatorFields form={form} s={s} i={f.name} sources={sources} />
                        </div>
                      ))}
                      {!disabled && (
                        <Button icon={<PlusOutlined aria-hidden />} onClick={() => ops.add({ key: '', label: '', kind: 'number' })}>
                          {t('reports.templates.addIndicator', { s: s + 1 })}
                        </Button>
                      )}
                    </>
                  )}
                </Form.List>
              </Card>
            ))}
            {!disabled && (
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ key: '', title: '', indicators: [] })} style={{ marginBottom: 24 }}>
                {t('reports.templates.addSection')}
              </Button>
            )}
          </>
        )}
      </Form.List>

      <Heading level={2}>{t('reports.templates.narratives')}</Heading>
      <Muted block>{t('reports.templates.narrativesHelp')}</Muted>
      <Form.List name={[...NARRATIVES]}>
        {(narratives, { add, remove, move }) => (
          <>
            {narratives.map((f, n) => (
              <Row key={f.key} gutter={8} align="bottom" style={{ borderBottom: '1px solid #f0f0f0', marginTop: 8 }}>
                <Col xs={24} sm={7}>
                  <Form.Item label={t('reports.templates.narrativeKey')} name={[f.name, 'key']} rules={keyRules}>
                    <Input aria-label={t('reports.templates.narrativeKeyOf', { n: n + 1 })} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item label={t('reports.templates.narrativeTitle')} name={[f.name, 'title']} rules={titleRules}>
                    <Input aria-label={t('reports.templates.narrativeTitleOf', { n: n + 1 })} />
                  </Form.Item>
                </Col>
                {!disabled && (
                  <Col xs={24} sm={5}>
                    <Form.Item>
                      <ItemButtons
                        up={t('reports.templates.narrativeUp', { n: n + 1 })}
                        down={t('reports.templates.narrativeDown', { n: n + 1 })}
                        remove={t('reports.templates.removeNarrative', { n: n + 1 })}
                        first={n === 0}
                        last={n === narratives.length - 1}
                        onMove={(d) => move(n, n + d)}
                        onRemove={() => remove(f.name)}
                      />
                    </Form.Item>
                  </Col>
                )}
              </Row>
            ))}
            {!disabled && (
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ key: '', title: '' })} style={{ marginTop: 8 }}>
                {t('reports.templates.addNarrative')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </>
  );
}
