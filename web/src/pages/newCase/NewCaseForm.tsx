// The frame of the three new-case forms: title, the API's refusal in words above the form, and
// on success the new case's page.
import { Button, Card, Form, Typography, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { RefusalAlert } from '../../components/RefusalAlert';

export function NewCaseForm<V extends object>(props: {
  title: string;
  form: FormInstance<V>;
  /** Sends the form; answers the path of the new case. */
  submit(values: V): Promise<string>;
  error: unknown;
  busy: boolean;
  initialValues?: Partial<V>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="page new-case">
      <Typography.Title level={1}>{props.title}</Typography.Title>
      <Card>
        <RefusalAlert error={props.error} />
        <Form
          form={props.form}
          layout="vertical"
          initialValues={props.initialValues}
          onFinish={(values) =>
            void props.submit(values).then(
              (path) => navigate(path),
              () => undefined,
            )
          }
          className="new-case-form"
        >
          {props.children}
          <Button type="primary" htmlType="submit" loading={props.busy}>
            {t('actions.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
