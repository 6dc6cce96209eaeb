site-title = Treffpunkt
site-tagline = Мероприятия о профессиональном обучении (Ausbildung) и работе
skip-link = Перейти к содержанию
lang-switch-label = Язык
back-to-events = Назад ко всем мероприятиям

events-heading = Мероприятия
events-intro = Встречи предпринимателей, информационные дни и родительские вечера. Регистрация бесплатная, учётная запись не нужна.
events-none = Сейчас подходящих мероприятий нет.
events-count = { $count ->
    [one] { $count } мероприятие
    [few] { $count } мероприятия
    [many] { $count } мероприятий
   *[other] { $count } мероприятия
}
filter-heading = Фильтр мероприятий
filter-kind = Тип
filter-audience = Для кого
filter-language = Язык
filter-city = Город
filter-any = Все
filter-apply = Применить
filter-reset = Сбросить фильтры

subscribe-heading = Подписаться на календарь
subscribe-intro = Тогда эти мероприятия появятся в Вашем календаре и будут автоматически обновляться.
subscribe-webcal = Подписаться в приложении-календаре (Apple, Outlook, Thunderbird)
subscribe-google = Подписаться в Google Календаре
subscribe-outlook = Подписаться в веб-версии Outlook
subscribe-copy = Или скопируйте этот адрес в свой календарь

kind-roundtable = Встреча предпринимателей
kind-info_day = Информационный день
kind-parents_evening = Родительский вечер
audience-employers = Работодатели
audience-youth = Молодёжь
audience-parents = Родители
audience-professionals = Квалифицированные специалисты

event-when = Когда
event-where = Где
event-online = Онлайн
event-online-link = Ссылка для участия онлайн
event-languages = Языки
event-for = Для кого
event-seats-left = { $seats ->
    [0] Свободных мест нет
    [one] Осталось { $seats } место
    [few] Осталось { $seats } места
    [many] Осталось { $seats } мест
   *[other] Осталось { $seats } места
}
event-seats-unlimited = Есть свободные места
event-waitlist-open = Мест нет – можно записаться в список ожидания
event-full = Мест нет
event-cancelled = Отменено
event-calendar = Добавить в календарь
event-details = Подробнее
event-time-range = { $date }, с { $start } до { $end }

form-heading = Регистрация
form-errors-heading = { $count ->
    [one] Пожалуйста, исправьте { $count } ошибку:
    [few] Пожалуйста, исправьте { $count } ошибки:
    [many] Пожалуйста, исправьте { $count } ошибок:
   *[other] Пожалуйста, исправьте { $count } ошибки:
}
form-name = Имя
form-email = Адрес электронной почты
form-email-hint = На этот адрес мы отправим подтверждение и напоминания.
form-phone = Телефон
form-optional = (необязательно)
form-party-size = Количество человек
form-party-size-hint = Включая Вас, не более { $max }.
form-language = Язык писем
form-interpreter = Вам нужен переводчик?
form-interpreter-none = Нет, я понимаю немецкий
form-interpreter-other = Другой язык
form-needs = Особые потребности
form-needs-hint = Например, присмотр за детьми или безбарьерный доступ.
form-consent = { $days ->
    [one] Я даю согласие на хранение моих данных для этого мероприятия. Они будут удалены через { $days } день после мероприятия.
    [few] Я даю согласие на хранение моих данных для этого мероприятия. Они будут удалены через { $days } дня после мероприятия.
    [many] Я даю согласие на хранение моих данных для этого мероприятия. Они будут удалены через { $days } дней после мероприятия.
   *[other] Я даю согласие на хранение моих данных для этого мероприятия. Они будут удалены через { $days } дня после мероприятия.
}
form-submit = Зарегистрироваться
form-submit-waitlist = Записаться в список ожидания

error-name-required = Пожалуйста, укажите Ваше имя.
error-name-too-long = Имя слишком длинное. Максимум символов: { $max }.
error-name-control = Имя содержит недопустимые символы.
error-email-invalid = Пожалуйста, укажите правильный адрес электронной почты, например name@example.org.
error-phone-invalid = Пожалуйста, укажите номер телефона, например +49 221 123456.
error-party-size-range = Пожалуйста, выберите от 1 до { $max } человек.
error-language-unknown = Пожалуйста, выберите язык из списка.
error-interpreter-unknown = Пожалуйста, выберите язык из списка.
error-needs-too-long = Пожалуйста, напишите короче. Максимум символов: { $max }.
error-consent-required = Пожалуйста, дайте согласие на хранение данных, иначе мы не сможем Вас зарегистрировать.

conflict-event_cancelled = Это мероприятие отменено.
conflict-registration_closed = Регистрация закрыта.
conflict-registration_not_open = Регистрация ещё не открыта.
conflict-event_full = К сожалению, свободных мест на это мероприятие больше нет.
conflict-registration_cancelled = Эта регистрация больше не действительна.
registration-opens = Начало регистрации: { $date }.
registration-closes = Крайний срок регистрации: { $date }.

registered-heading = Большое спасибо!
registered-pending = { $hours ->
    [one] Пожалуйста, проверьте электронную почту и подтвердите регистрацию в течение { $hours } часа. Только после этого место будет закреплено за Вами.
    [few] Пожалуйста, проверьте электронную почту и подтвердите регистрацию в течение { $hours } часов. Только после этого место будет закреплено за Вами.
    [many] Пожалуйста, проверьте электронную почту и подтвердите регистрацию в течение { $hours } часов. Только после этого место будет закреплено за Вами.
   *[other] Пожалуйста, проверьте электронную почту и подтвердите регистрацию в течение { $hours } часа. Только после этого место будет закреплено за Вами.
}
registered-confirmed = Ваша регистрация подтверждена. Вы получите письмо со всей информацией.
registered-waitlisted = Все места заняты. Ваш номер в списке ожидания: { $position }. Если место освободится, мы Вам напишем.
registered-already = Вы уже зарегистрированы с этим адресом электронной почты. Мы ещё раз отправили Вам ссылку на Вашу регистрацию.
registered-spam-hint = Не получили письмо? Пожалуйста, проверьте также папку «Спам».

manage-heading = Ваша регистрация
manage-status = Статус
manage-status-pending = Ещё не подтверждена
manage-status-confirmed = Подтверждена
manage-status-waitlisted = В списке ожидания
manage-status-cancelled = Отменена
manage-pending-hint = Пожалуйста, подтвердите регистрацию. Крайний срок: { $until }. Иначе Ваше место получит другой человек.
manage-confirm = Подтвердить регистрацию
manage-position = Ваш номер в списке ожидания: { $position }.
manage-via-waitlist = Освободилось место – теперь оно Ваше.
manage-party = { $count ->
    [one] { $count } человек
    [few] { $count } человека
    [many] { $count } человек
   *[other] { $count } человека
}
manage-cancel = Отменить регистрацию
manage-give-back = Отказаться от места
manage-cancel-hint = Не сможете прийти? Пожалуйста, отмените регистрацию, чтобы Ваше место получил кто-то другой.
manage-confirmed-now = Спасибо, Ваша регистрация подтверждена.
manage-cancelled-now = Ваша регистрация отменена. Жаль, что Вы не сможете прийти.
manage-cancelled = Эта регистрация больше не действует.
manage-register-again = Зарегистрироваться снова

page-not-found = Такой страницы нет. Возможно, ссылка устарела или неполная.
page-error = Что-то пошло не так. Пожалуйста, попробуйте ещё раз через минуту.
page-busy = Сейчас очень много запросов одновременно. Пожалуйста, попробуйте ещё раз через минуту – введённые Вами данные сохранились.
page-too-large = Введённый текст слишком длинный.
page-bad-request = Не удалось прочитать введённые данные.

slots-heading = Индивидуальная консультация
slots-event-hint = После регистрации вы можете забронировать время у консультанта на странице вашей регистрации (ссылка в электронном письме).
slots-languages = Языки
slots-none-free = Всё время уже забронировано.
slots-none-left = Свободного времени для консультаций больше нет.
slots-limit-hint = Вы можете забронировать до { $max } консультаций.
slots-limit-reached = Вы забронировали максимальное количество консультаций. Вы можете отменить или перенести консультацию.
slots-mine = Ваши консультации
slots-choose = Свободное время
slots-book = Забронировать это время
slots-give-back = Отменить
slots-move-to = Перенести на
slots-move = Перенести
slots-booked-now = Ваша консультация забронирована. Мы отправили вам подтверждение по электронной почте.
slots-given-back-now = Вы отменили консультацию.
slots-moved-now = Ваша консультация перенесена. Мы отправили вам подтверждение по электронной почте.
slots-gone = Этого времени больше нет. Пожалуйста, выберите другое.
conflict-slot_taken = Это время только что забронировал кто-то другой. Пожалуйста, выберите другое.
conflict-slot_past = Это время уже прошло.
conflict-registration_inactive = Бронировать консультации могут только те, у кого есть место.
error-slot-limit = Вы можете забронировать не более { $max } консультаций.
error-slot-overlap = Это время пересекается со временем, которое вы уже забронировали.
error-slot-required = Пожалуйста, выберите время.
series-further-dates = Другие даты
