// Credit staff's decision on an objection: uphold the entry, correct it (with the new text) or remove
// it. The corrected text is asked for only with a correction, as the API requires.
import { Form, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCaseStep } from '../../api/cases';
import type { ObjectionView } from '../../api/types';
import { ActionModal } from '../../components/ActionModal';
import { TextField } from '../../components/fields';

const DECISIONS = ['upheld', 'corrected', 'removed'] as const;

export function ObjectionDecision({ view }: { view: ObjectionView }) {
  const { t } = useTranslation();
  const decide = useCaseStep('objections', view.id, '/objections/{id}/decision');
  return (
    <ActionModal
      label={t('objection.decide')}
      buttonType="primary"
      submit={(v: { decision: (typeof DECISIONS)[number]; reasons: string; correctedText?: string }) =>
        decide.mutateAsync(v.decision === 'corrected' ? v : { decision: v.decision, reasons: v.reasons })
      }
    >
      <Form.Item
        name="decision"
        label={t('objection.decision')}
        rules={[{ required: true, message: t('forms.required') }]}
      >
        <Radio.Group options={DECISIONS.map((d) => ({ value: d, label: t(`objection.decisions.${d}`) }))} />
      </Form.Item>
      <Form.Item noStyle dependencies={['decision']}>
        {({ getFieldValue }) =>
          getFieldValue('decision') === 'corrected' && (
            <TextField
              name="correctedText"
              label={t('objection.correctedText')}
              rows={3}
              initialValue={view.entry.summary}
            />
          )
        }
      </Form.Item>
      <TextField name="reasons" label={t('objection.decisionReasons')} rows={3} />
    </ActionModal>
  );
}
