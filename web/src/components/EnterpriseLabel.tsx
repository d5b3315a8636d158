// An enterprise as people know it: its name, with its unified social credit code beside it.
import { Typography } from 'antd';
import { Link } from 'react-router';
import { useEnterprise } from '../api/enterprises';

export function EnterpriseLabel({ id, name, link = true }: { id: string; name?: string | null; link?: boolean }) {
  const profile = useEnterprise(name === undefined ? id : undefined);
  const shown = name ?? profile.data?.name;
  const label = (
    <>
      {shown && <span className="enterprise-name">{shown} </span>}
      <Typography.Text type="secondary" className="uscc">
        {id}
      </Typography.Text>
    </>
  );
  return link ? <Link to={`/enterprises/${id}`}>{label}</Link> : label;
}
