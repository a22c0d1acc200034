/** The Query XML → JSON rendering the moto backend applies for API Gateway integrations that accept JSON. */
import { queryXmlToJson } from '../../gateway/query-xml-to-json';

describe('queryXmlToJson', () => {
  it('renders a result document as AWS answers it in JSON', () => {
    const xml =
      '<?xml version="1.0"?><SendMessageResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><SendMessageResult>' +
      '<MD5OfMessageBody>abc</MD5OfMessageBody><MessageId>m-1</MessageId></SendMessageResult>' +
      '<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></SendMessageResponse>';
    expect(queryXmlToJson(xml)).toEqual({
      SendMessageResponse: { SendMessageResult: { MD5OfMessageBody: 'abc', MessageId: 'm-1' }, ResponseMetadata: { RequestId: 'r-1' } },
    });
  });

  it('turns member lists and repeated elements into arrays and decodes entities', () => {
    const xml =
      '<ListTopicsResponse><ListTopicsResult><Topics><member><TopicArn>a&amp;b</TopicArn></member><member><TopicArn>c</TopicArn></member></Topics>' +
      '<Message><Body>x &lt;1&gt;</Body></Message><Message><Body>&#34;y&#34;</Body></Message></ListTopicsResult></ListTopicsResponse>';
    expect(queryXmlToJson(xml)).toEqual({
      ListTopicsResponse: {
        ListTopicsResult: { Topics: [{ TopicArn: 'a&b' }, { TopicArn: 'c' }], Message: [{ Body: 'x <1>' }, { Body: '"y"' }] },
      },
    });
  });

  it('renders an ErrorResponse as {Error: {Code, Message, Type}, RequestId}', () => {
    const xml =
      '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>NotFound</Code>' +
      '<Message>Endpoint does not exist</Message><message>Endpoint does not exist</message></Error><RequestId>r-2</RequestId></ErrorResponse>';
    expect(queryXmlToJson(xml)).toEqual({
      Error: { Code: 'NotFound', Message: 'Endpoint does not exist', Type: 'Sender' },
      RequestId: 'r-2',
    });
  });
});
