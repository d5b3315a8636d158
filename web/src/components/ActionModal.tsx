// One action on a case: a button that opens its form in a modal; the form's own rules check what
// can be checked at once, the API decides the rest, and its refusal is shown in words above the
// form (the modal stays open so the user can correct and resend).
import { App, Button, Form, Modal, type ButtonProps, type FormInstance } from 'antd';
import { useId, useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RefusalAlert } from './RefusalAlert';

export interface ActionModalProps<V> {
  label: string;
  title?: string;
  /** Sends the step; a rejection is shown as a refusal. */
  submit(values: V): Promise<unknown>;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  initialValues?: Partial<V>;
  buttonType?: ButtonProps['type'];
  danger?: boolean;
  /** Wider, for forms with a preview beside them. */
  width?: number;
  /** Explains the API's refusal; a screen whose codes need its own words (or details) passes its own. */
  refusal?: ComponentType<{ error: unknown }>;
}

export function ActionModal<V extends object>(props: ActionModalProps<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  // Field ids are the form's name and the field's: unique per modal, so that each label names its own
  // field when a table renders one action per row.
  const formName = useId();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const Refusal = props.refusal ?? RefusalAlert;

  async function send(values: V) {
    setBusy(true);
    setError(undefined);
    try {
      await props.submit(values);
      setOpen(false);
      form.resetFields();
      void message.success(t('actions.done'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button type={props.buttonType ?? 'default'} danger={props.danger} onClick={() => setOpen(true)}>
        {props.label}
      </Button>
      <Modal
        open={open}
        title={props.title ?? props.label}
        onCancel={() => setOpen(false)}
        okText={t('actions.submit')}
        cancelText={t('actions.cancel')}
        onOk={() => form.submit()}
        confirmLoading={busy}
        width={props.width}
        destroyOnHidden
        forceRender
      >
        <Refusal error={error} />
        <Form
          form={form}
          name={formName}
          layout="vertical"
          initialValues={props.initialValues}
          onFinish={send}
          className="action-form"
        >
          {typeof props.children === 'function' ? props.children(form) : props.children}
        </Form>
      </Modal>
    </>
  );
}
